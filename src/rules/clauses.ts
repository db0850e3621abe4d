/**
 * The guideline's clauses, with the IDs of shared/guideline/clauses.md, the Japanese section
 * title (so a reader can find the clause in the original) and the clause's own words.
 */
export interface Clause {
  id: string
  sectionJa: string
  sectionEn: string
  textJa: string
  summaryEn: string
  measurable: ReadonlyArray<'scan' | 'local' | 'router' | 'ask'>
  /** The question an employee answers for themselves where the tool cannot measure. */
  question?: {ja: string; en: string}
}

const S2 = {sectionJa: '2. テレワーク中の主な禁止事項', sectionEn: '2. Main prohibitions during telework'}
const S31 = {sectionJa: '3. ■ 社内情報への接続方法', sectionEn: '3.1 Connection to company systems'}
const S32 = {sectionJa: '3. ■ 利用するＰＣ機器等', sectionEn: '3.2 PCs and devices'}
const S33 = {sectionJa: '3. ■ テレワーク場所（自宅）のネットワーク', sectionEn: '3.3 The home network'}
const S34 = {sectionJa: '3. ■ テレワークを実行する時の環境への注意', sectionEn: '3.4 The working environment'}
const S35 = {sectionJa: '3. ■ Microsoft365を、社外で利用する時の機器制限', sectionEn: '3.5 Microsoft 365 outside the office'}

export const CLAUSES: readonly Clause[] = [
  {id: 'P-2.1', ...S2, textJa: '在宅勤務中は、自宅以外の場所での業務を禁止する', summaryEn: 'During work from home, work only at home.', measurable: ['ask'], question: {ja: '在宅勤務中、自宅以外の場所で業務をしていませんか？', en: 'Are you working only at home while working from home?'}},
  {id: 'P-2.2', ...S2, textJa: '公衆やフリーのアクセスポイント等、漏洩リスクの高いネットワークへの接続は禁止する', summaryEn: 'Never connect to public or free access points.', measurable: ['local', 'scan']},
  {id: 'P-2.3', ...S2, textJa: '会社貸与ＰＣ以外へのデータの複製、保存は禁止する', summaryEn: 'Never copy or store data anywhere but the company-lent PC.', measurable: ['ask', 'local'], question: {ja: '会社貸与PC以外にデータを複製・保存していませんか？', en: 'Is no data copied or stored anywhere but the company-lent PC?'}},
  {id: 'P-2.4', ...S2, textJa: 'スクリーンショットの画像化や印刷、テキストのコピー等の情報複製を禁止する', summaryEn: 'No screenshots, printing or text copying.', measurable: ['ask'], question: {ja: 'スクリーンショット・印刷・テキストのコピーで情報を複製していませんか？', en: 'Do you avoid screenshots, printing and copying text of information?'}},
  {id: 'P-2.5', ...S2, textJa: '社員以外の同居人等が、会社貸与ＰＣ及び機密情報に接する行為を禁止する', summaryEn: 'Cohabitants must not touch the lent PC or confidential information.', measurable: ['ask'], question: {ja: '社員以外の同居人が会社貸与PCや機密情報に触れないようにしていますか？', en: 'Do cohabitants who are not employees stay away from the lent PC and confidential information?'}},
  {id: 'P-2.6', ...S2, textJa: 'テレワーク勤務における紙資料の持ち出しに関しては原則禁止する', summaryEn: 'Paper documents are not taken out, in principle.', measurable: ['ask'], question: {ja: '紙資料を持ち出していませんか（許可を得た場合を除く）？', en: 'Are no paper documents taken out (unless approved)?'}},
  {id: 'C-3.1.1', ...S31, textJa: '仮想ネットワーク接続方式（VPN）は会社貸与ＰＣのみ可', summaryEn: 'VPN only from the company-lent PC.', measurable: ['local'], question: {ja: 'VPN は会社貸与PCからのみ接続していますか？', en: 'Do you connect to the VPN only from the company-lent PC?'}},
  {id: 'C-3.1.2', ...S31, textJa: 'リモートデスクトップ接続方式（RV）は会社貸与ＰＣは可、自宅ＰＣの利用も条件付きで可', summaryEn: 'Remote desktop from the lent PC; from a home PC only with conditions.', measurable: ['ask'], question: {ja: 'リモートデスクトップは会社貸与PC（または条件を満たした自宅PC）から使っていますか？', en: 'Do you use remote desktop only from the lent PC (or an approved home PC)?'}},
  {id: 'C-3.1.3', ...S31, textJa: 'どの方式であっても、会社貸与ＰＣ以外への機密データの格納は禁止です', summaryEn: 'Confidential data is stored only on the lent PC.', measurable: ['ask'], question: {ja: '機密データは会社貸与PCにのみ保存していますか？', en: 'Is confidential data stored only on the lent PC?'}},
  {id: 'D-3.2.1', ...S32, textJa: '原則として会社から貸与したＰＣからのみ業務が可能', summaryEn: 'Work only from the company-lent PC, in principle.', measurable: ['ask'], question: {ja: '業務は会社貸与PCで行っていますか？', en: 'Do you work from the company-lent PC?'}},
  {id: 'D-3.2.2', ...S32, textJa: 'HDD/SSDが暗号化されていないものは持ち出し不可', summaryEn: 'A lent PC whose disk is not encrypted must not be taken out.', measurable: ['local']},
  {id: 'D-3.2.3', ...S32, textJa: 'セキュリティソフトがインストールされている事（AppGuardもしくはESET）', summaryEn: 'Security software must be installed (AppGuard or ESET).', measurable: ['local']},
  {id: 'D-3.2.4', ...S32, textJa: '自己所有のＵＳＢメモリ等の記録媒体をＰＣに接続する事は禁止', summaryEn: 'No personally owned USB memory or other storage media.', measurable: ['local']},
  {id: 'D-3.2.5', ...S32, textJa: '私的利用は禁止（インターネット閲覧・ゲーム等）、メーラーに私的な個人用アドレスを設定する事を禁止', summaryEn: 'No private use; no personal mail address in the mailer.', measurable: ['ask'], question: {ja: '私的利用（閲覧・ゲーム）や私用メールアドレスの設定をしていませんか？', en: 'Is the PC free of private use and of personal mail accounts?'}},
  {id: 'D-3.2.6', ...S32, textJa: '顧客からＰＣを貸与された場合、お客様が定める利用規則等を厳守し、自宅ネットワーク等は会社貸与ＰＣと同一の基準で考える事', summaryEn: "A customer-lent PC follows the customer's rules; home network as for the company PC.", measurable: ['ask'], question: {ja: '顧客貸与PCでは顧客の規則に従い、自宅ネットワークは会社PCと同じ基準にしていますか？', en: 'On a customer-lent PC, do you follow the customer’s rules and the same home-network standard?'}},
  {id: 'D-3.2.7', ...S32, textJa: '私用PCはリモートデスクトップ方式又はWEBブラウザでのみ可、公衆等フリーではない回線とセキュリティソフト・OSアップデートの有効化を申請', summaryEn: 'A private PC only with remote desktop or browser access, declared.', measurable: ['local', 'ask'], question: {ja: '私用PCを使う場合、上長に申請し許可を受けていますか？', en: 'If you use a private PC, did your manager approve it?'}},
  {id: 'N-3.3.1', ...S33, textJa: '自宅におけるネットワーク（回線、通信機器）は自己所有のもの、集合住宅の場合は住宅共有のものを利用すること', summaryEn: 'Use your own line and equipment (or the building\'s shared line).', measurable: ['ask'], question: {ja: '自宅の回線と通信機器は自己所有（または集合住宅の共有）のものですか？', en: 'Are the line and equipment your own (or your building’s shared line)?'}},
  {id: 'N-3.3.2', ...S33, textJa: '回線契約が無い、フリーアクセスの公衆無線LAN等でのテレワークは禁止する', summaryEn: 'No telework on free public wireless LANs.', measurable: ['local', 'scan']},
  {id: 'N-3.3.3', ...S33, textJa: '接続方式については有線を推奨とする', summaryEn: 'A wired connection is recommended.', measurable: ['local']},
  {id: 'N-3.3.4', ...S33, textJa: '無線の場合、ルーター及びSSIDに強力なパスワードがかかっていること。暗号化なしや、WEPなど強度が低い暗号化方式の利用は禁止する', summaryEn: 'Wireless: strong passwords on router and SSID; no open or WEP networks.', measurable: ['local', 'scan', 'ask']},
  {id: 'N-3.3.5', ...S33, textJa: 'MACアドレスをネットワークアクセス認証の用途で利用しない事', summaryEn: 'Do not use the MAC address for network access authentication.', measurable: ['local', 'scan', 'router']},
  {id: 'N-3.3.6', ...S33, textJa: '自己所有する通信機器のメーカーサポート状況を確認し、脆弱性対応したファームウェアを適用し、サポート終了機器を長期間利用しない', summaryEn: 'Router still supported by its vendor, firmware updated.', measurable: ['scan']},
  {id: 'N-3.3.7', ...S33, textJa: '家族と共用のネットワークを利用する場合、原則は同時利用を禁止。VPNを稼働していない状態で自宅ネットワークに接続することは禁止。セグメントを分けるなど相互通信がされないようなルーター設定を推奨', summaryEn: 'No sharing the network with family devices without segmentation, never before the VPN is up.', measurable: ['scan', 'local']},
  {id: 'N-3.3.8', ...S33, textJa: '貸与PCに権限設定がない共有フォルダがある場合、自宅ネットワーク接続は禁止する', summaryEn: 'No shared folder without access control on the lent PC.', measurable: ['local']},
  {id: 'N-3.3.9', ...S33, textJa: 'スマートフォンなどPC以外の自己所有機器への情報漏洩が無いよう通信制限すること', summaryEn: 'Nothing leaks to smartphones and other personal devices.', measurable: ['scan']},
  {id: 'E-3.4.1', ...S34, textJa: '家族や他の人がいる場合、画面が容易に見られない作業場所を確保する事', summaryEn: 'A workplace where the screen cannot easily be seen.', measurable: ['ask'], question: {ja: '画面が他人から見えず、会話が聞かれない場所で作業していますか？', en: 'Is your screen out of others’ sight and your calls out of earshot?'}},
  {id: 'E-3.4.2', ...S34, textJa: '全てのアクセス手段は自分以外の人には教えない事、メモを貼らない事、業務用PCを触らせない事', summaryEn: 'Never share access methods or passwords.', measurable: ['ask'], question: {ja: 'ID・パスワードを他人に教えたり、メモを貼ったりしていませんか？', en: 'Are your access methods and passwords never shared or written on notes?'}},
  {id: 'E-3.4.3', ...S34, textJa: 'PCから離れる時は必ず画面をロックする事', summaryEn: 'Lock the screen whenever you leave the PC.', measurable: ['local', 'ask']},
  {id: 'E-3.4.4', ...S34, textJa: '私用で家の中を撮影する場合など、PCの画面や音声が記録されないように注意する事', summaryEn: 'Keep the screen and voice out of private recordings.', measurable: ['ask'], question: {ja: '私的な写真・録画に画面や音声が映り込まないよう注意していますか？', en: 'Do you keep the screen and voice out of private photos and recordings?'}},
  {id: 'E-3.4.5', ...S34, textJa: '業務が終了したら速やかにRV・VPNの接続を終了し、PCをログオフする事', summaryEn: 'End RV/VPN connections and log off when work ends.', measurable: ['ask'], question: {ja: '業務終了時に速やかに RV・VPN を切断しログオフしていますか？', en: 'Do you end RV/VPN connections and log off when work ends?'}},
  {id: 'E-3.4.6', ...S34, textJa: 'PCを利用しない時には、キャビネット等に保管する事（鍵付きを推奨）', summaryEn: 'Store the PC in a cabinet when not in use.', measurable: ['ask'], question: {ja: '使わないときは PC をキャビネット（鍵付き推奨）に保管していますか？', en: 'Is the PC stored in a (lockable) cabinet when not in use?'}},
  {id: 'M-3.5.1', ...S35, textJa: '私用機器：利用不可（WEB版のみ可、ダウンロードも禁止）', summaryEn: 'Private devices: no Office/Teams apps.', measurable: ['ask'], question: {ja: '私用機器に Office/Teams アプリを入れていませんか（WEB版のみ）？', en: 'Are Office/Teams apps kept off private devices (web versions only)?'}},
  {id: 'M-3.5.2', ...S35, textJa: '貸与スマホ：制限（条件付き利用可）、MDM（Intune）を必須とする', summaryEn: 'Lent smartphones: apps only with MDM.', measurable: ['ask'], question: {ja: '貸与スマホのアプリ利用は MDM（Intune）導入済みの対象者に限っていますか？', en: 'Are app versions on lent smartphones used only by approved people with MDM (Intune)?'}},
]

export function clauseById(id: string): Clause {
  const clause = CLAUSES.find((c) => c.id === id)
  if (!clause) throw new Error(`unknown guideline clause ${id}`)
  return clause
}
